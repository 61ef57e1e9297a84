import './base.css';
import './gallery.css';
